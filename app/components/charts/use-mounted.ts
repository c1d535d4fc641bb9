import { useEffect, useState } from "react";

/**
 * False on the server and in the first render, true once mounted in the browser: the
 * charts draw recharts only then (it measures the page), and show their figures as tables
 * before and without JavaScript.
 */
export function useMounted(): boolean {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return mounted;
}
