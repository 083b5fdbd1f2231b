import type { IncomingMessage, ServerResponse } from "node:http";

export declare const STATIC_PREFIX: "/_next/static/";
export declare function precompressStatic(staticDir: string): { files: number; before: number; after: number };
export declare function acceptsBrotli(header: string | string[] | undefined): boolean;
export declare function createBrotliStatic(staticDir: string): (req: IncomingMessage, res: ServerResponse) => boolean;
