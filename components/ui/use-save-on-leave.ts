"use client";

import { useEffect } from "react";

/**
 * Calls `save` when the page is hidden or left (a tab switch, closing, navigating away) and when the component
 * unmounts (a client-side navigation): the last autosave of what a person typed, sent with `fetch`'s `keepalive`
 * by the caller. `save` should be stable (useCallback), or the listeners are set again on every render.
 */
export function useSaveOnLeave(save: () => void) {
  useEffect(() => {
    const onVisibility = () => document.visibilityState === "hidden" && save();
    window.addEventListener("pagehide", save);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      window.removeEventListener("pagehide", save);
      document.removeEventListener("visibilitychange", onVisibility);
      save();
    };
  }, [save]);
}
