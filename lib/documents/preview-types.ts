/**
 * The only types staff may preview in the browser (docs/decisions.md, Files): raster images whose type was read
 * from their bytes at upload and is checked again as they stream out. Never SVG, HTML, PDF or anything a browser
 * would run. Plain data, so pages can decide whether to offer Preview.
 */
export const PREVIEW_TYPES = ["image/jpeg", "image/png"] as const;
export type PreviewType = (typeof PREVIEW_TYPES)[number];
export const canPreview = (mime: string): mime is PreviewType => (PREVIEW_TYPES as readonly string[]).includes(mime);
