import { createContext, useContext } from "react";

/**
 * The Content-Security-Policy nonce of the request being rendered (server only): the
 * Express layer makes one per request, entry.server.tsx provides it, and the root layout
 * gives it to Remix's inline scripts. In the browser it is empty: the scripts already ran.
 */
const NonceContext = createContext<string>("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
