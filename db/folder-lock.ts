import lockfile from "proper-lockfile";

/**
 * One process per PGlite folder, enforced (docs/decisions.md, Platform notes: One process per PGlite folder). Two
 * processes writing to one folder lose writes without any error, and PGlite does not notice another process
 * holding it. So the process that opens the folder first holds a lock beside it (`<folder>.lock`, a directory made
 * atomically by proper-lockfile); a second server, or a script run while the server is up, waits a little (a
 * restart's old process may still be closing) and then refuses to open the folder.
 *
 * The lock is renewed every 5 s by this process's main thread (the database itself runs in another thread, so a
 * long statement does not delay it). A process that dies without letting go leaves a lock that is taken over once
 * it is 20 s old; one that exits normally or on a signal removes it.
 */
export const LOCK_STALE_MS = 20_000;

export class FolderInUseError extends Error {
  constructor() {
    super(
      "The embedded database's folder is in use by another process (another Haven server, or a script run while the server is up). Stop that process, then start this one.",
    );
    this.name = "FolderInUseError";
  }
}

/**
 * Takes the folder's lock, waiting up to `waitMs` (25 s) for another process to let go; resolves to the release
 * function.
 * `onLost` is called if the lock is later lost (its renewal failed or another process took it over): from then on
 * this process must not write to the folder.
 */
export async function holdFolder(
  dir: string,
  opts: { waitMs?: number; onLost: (e: Error) => void },
): Promise<() => Promise<void>> {
  // Long enough for a lock left by a killed process to go stale: a restart after a crash then comes up on its own.
  const waitMs = opts.waitMs ?? LOCK_STALE_MS + 5_000;
  try {
    return await lockfile.lock(dir, {
      stale: LOCK_STALE_MS,
      update: 5_000,
      retries: { retries: Math.max(0, Math.ceil(waitMs / 500)), factor: 1, minTimeout: 500, maxTimeout: 500 },
      onCompromised: opts.onLost,
    });
  } catch (e) {
    if ((e as { code?: unknown }).code === "ELOCKED") throw new FolderInUseError();
    throw e;
  }
}
