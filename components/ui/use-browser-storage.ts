"use client";

import { useCallback, useSyncExternalStore } from "react";

type StorageArea = "local" | "session";

/** Components reading browser storage through this hook; a write here re-renders them. */
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab changed localStorage.
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

const storageOf = (area: StorageArea) => (area === "local" ? window.localStorage : window.sessionStorage);

/**
 * One browser-storage entry as React state. It reads null on the server and while hydrating, so
 * server and client render alike, then the stored text; writing through the setter stores the text
 * and re-renders every component reading the entry.
 */
export function useBrowserStorage(area: StorageArea, key: string): [string | null, (value: string) => void] {
  const value = useSyncExternalStore(
    subscribe,
    () => storageOf(area).getItem(key),
    () => null,
  );
  const write = useCallback(
    (next: string) => {
      storageOf(area).setItem(key, next);
      for (const listener of listeners) listener();
    },
    [area, key],
  );
  return [value, write];
}

const subscribeToNothing = () => () => undefined;

/** False on the server and while hydrating, true once the page runs in the browser. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
}
