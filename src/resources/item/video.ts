// A video's player, loaded only when the reader asks for it: until they press play, the page
// makes no request to the video's host. YouTube is embedded from its privacy-enhanced host
// (youtube-nocookie.com: no cookies until playback), Vimeo with do-not-track; a video elsewhere
// is only linked, never framed.

export interface Embed {
  /** The iframe's address. */
  src: string;
  /** The origin the page's Content-Security-Policy must allow as a frame. */
  origin: string;
  /** The host's name, as the play button says it. */
  host: string;
}

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;

/** The embed of a YouTube or Vimeo address, or undefined for any other. */
export function embedOf(videoUrl: string): Embed | undefined {
  let url: URL;
  try {
    url = new URL(videoUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  const host = url.hostname.toLowerCase().replace(/^(www|m)\./, "");
  let youtube: string | undefined;
  if (host === "youtu.be") youtube = url.pathname.slice(1);
  else if (host === "youtube.com" || host === "youtube-nocookie.com") {
    youtube =
      url.pathname === "/watch"
        ? (url.searchParams.get("v") ?? undefined)
        : /^\/(embed|shorts|live)\/([^/]+)/.exec(url.pathname)?.[2];
  }
  if (youtube !== undefined) {
    if (!YOUTUBE_ID.test(youtube)) return undefined;
    const origin = "https://www.youtube-nocookie.com";
    return { src: `${origin}/embed/${youtube}?autoplay=1`, origin, host: "YouTube" };
  }
  if (host === "vimeo.com" || host === "player.vimeo.com") {
    const id = /^\/(?:video\/)?([0-9]{1,12})(?:\/|$)/.exec(url.pathname)?.[1];
    if (!id) return undefined;
    const origin = "https://player.vimeo.com";
    return { src: `${origin}/video/${id}?dnt=1&autoplay=1`, origin, host: "Vimeo" };
  }
  return undefined;
}

/** The Content-Security-Policy with `origin` allowed as a frame (the page frames only it). */
export function allowFrame(policy: string, origin: string): string {
  const directives = policy
    .split(";")
    .map((d) => d.trim())
    .filter((d) => d && !d.startsWith("frame-src"));
  return [...directives, `frame-src ${origin}`].join(";");
}
