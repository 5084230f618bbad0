import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { allowFrame, embedOf } from "./video.js";

describe("a video's player", () => {
  it("embeds YouTube from its privacy-enhanced host, whatever form the address takes", () => {
    for (const url of [
      "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10",
      "https://youtu.be/dQw4w9WgXcQ",
      "https://m.youtube.com/watch?v=dQw4w9WgXcQ",
      "https://www.youtube.com/embed/dQw4w9WgXcQ",
    ]) {
      assert.deepEqual(embedOf(url), {
        src: "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1",
        origin: "https://www.youtube-nocookie.com",
        host: "YouTube",
      });
    }
  });

  it("embeds Vimeo with do-not-track", () => {
    assert.equal(
      embedOf("https://vimeo.com/123456789")?.src,
      "https://player.vimeo.com/video/123456789?dnt=1&autoplay=1",
    );
  });

  it("frames nothing else: other hosts, bad ids, other schemes", () => {
    for (const url of [
      "https://example.org/video.mp4",
      "https://www.youtube.com/watch?v=short",
      "https://www.youtube.com/watch?v=dQw4w9WgXcQ%22onload",
      "javascript:alert(1)",
      "not a url",
      "https://vimeo.com/channels/staffpicks",
    ]) {
      assert.equal(embedOf(url), undefined, url);
    }
  });

  it("allows exactly the host's origin as a frame, replacing any frame-src", () => {
    assert.equal(
      allowFrame("default-src 'self';frame-src 'none';img-src 'self'", "https://player.vimeo.com"),
      "default-src 'self';img-src 'self';frame-src https://player.vimeo.com",
    );
  });
});
