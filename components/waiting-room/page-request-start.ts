/**
 * When (browser clock, epoch ms) this page's data was requested from the server: the navigation's
 * start for a page loaded in full, or the start of the latest React Server Components fetch of this
 * path after a client-side navigation. Falls back to now when the browser keeps no such entry.
 *
 * The server renders its view between the request's start and the response, so measuring the clock
 * offset against the request's start can only make the server's clock seem ahead, which makes a
 * countdown show less time than is left, never more. Measuring at hydration instead would add the
 * whole download and script time of a slow phone to the time left.
 */
export function pageRequestStartMs(): number {
  if (typeof window === "undefined" || typeof performance?.getEntriesByType !== "function") return Date.now();
  const here = new URL(window.location.href);
  const samePage = (url: URL) => url.origin === here.origin && url.pathname === here.pathname;
  const starts = [
    ...performance
      .getEntriesByType("navigation")
      .filter((entry) => {
        const url = new URL(entry.name);
        return samePage(url) && url.search === here.search;
      }),
    ...performance
      .getEntriesByType("resource")
      .filter((entry) => {
        const url = new URL(entry.name, here);
        return samePage(url) && url.searchParams.has("_rsc");
      }),
  ].map((entry) => entry.startTime);
  return starts.length ? performance.timeOrigin + Math.max(...starts) : Date.now();
}
