// Stand-in for the "server-only" marker package under Vitest (tests run outside React Server Components).
export {};
