export * from "./users";
export * from "./practice";
export * from "./profiles";
export * from "./audit";
export * from "./email";
export * from "./billing";
export * from "./auth";
export * from "./payments";
