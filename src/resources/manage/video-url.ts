// A video's address: https, on a host we know how to embed. Not "any https": the public page
// loads no third-party player until the reader asks, then embeds the video from its host's
// player address (youtube-nocookie.com, player.vimeo.com), which the Content-Security-Policy
// must name as a frame source and which only a known host has. An address elsewhere would be a
// link the page cannot play and a frame origin nobody reviewed. A host is added here, with its
// embed rule in the pages' player, when the coalition uses one.
import type { MessageKey } from "../../i18n/index.js";

export const VIDEO_HOSTS = [
  "www.youtube.com",
  "youtube.com",
  "m.youtube.com",
  "youtu.be",
  "vimeo.com",
  "www.vimeo.com",
  "player.vimeo.com",
] as const;

/** The address as kept (parsed and normalized), or null for none, or the problem with it. */
export function checkVideoUrl(value: string): { url: string | null; problem?: MessageKey } {
  if (value === "") return { url: null };
  // Pasted addresses keep nothing invisible: the URL parser would drop tabs and read "\" as "/".
  if (/[\s\p{Cc}\p{Cf}\\]/u.test(value)) {
    return { url: null, problem: "resources-admin.error.video_url" };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { url: null, problem: "resources-admin.error.video_url" };
  }
  if (url.protocol !== "https:" || url.username || url.password || url.port) {
    return { url: null, problem: "resources-admin.error.video_https" };
  }
  if (!(VIDEO_HOSTS as readonly string[]).includes(url.hostname)) {
    return { url: null, problem: "resources-admin.error.video_host" };
  }
  return { url: url.href };
}
