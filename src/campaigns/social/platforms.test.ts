// Share links and post addresses: what staff report back must be a post on the platform named,
// over https, and nothing a hostile paste can dress up as one.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  isPlatform,
  isPostUrl,
  PLATFORM_INFO,
  PLATFORMS,
  type Platform,
  platformOfPostUrl,
  shareUrl,
} from "./platforms.js";

const GOOD: Record<Platform, string[]> = {
  x: [
    "https://x.com/CitiesForAction/status/1790000000000000001",
    "https://twitter.com/jack/status/20",
    "https://mobile.twitter.com/jack/status/20/",
    "https://x.com/jack/status/20?s=46&t=abc",
  ],
  bluesky: [
    "https://bsky.app/profile/citiesforaction.org/post/3kq2xyzabcd2a",
    "https://bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur/post/3kq2xyzabcd2a",
  ],
  threads: [
    "https://www.threads.net/@cities.for.action/post/C8xYz-AbCdE",
    "https://www.threads.com/@zuck/post/C8xYz_AbCdE",
  ],
  mastodon: [
    "https://mastodon.social/@Gargron/109876543210987654",
    "https://civic.example.org/@city_hall/112233",
    "https://mastodon.social/users/Gargron/statuses/109876543210987654",
  ],
  facebook: [
    "https://www.facebook.com/CitiesForAction/posts/pfbid02abcDEF",
    "https://www.facebook.com/permalink.php?story_fbid=1234567890&id=100064",
    "https://www.facebook.com/share/p/1AbCdEfGh/",
    "https://m.facebook.com/groups/123456/posts/7890/",
  ],
  instagram: [
    "https://www.instagram.com/p/C8xYzAbCdEf/",
    "https://instagram.com/reel/C8xYzAbCdEf",
    "https://www.instagram.com/citiesforaction/p/C8xYzAbCdEf/",
  ],
  linkedin: [
    "https://www.linkedin.com/posts/cities-for-action_immigration-activity-7190000000000000000-AbCd",
    "https://www.linkedin.com/feed/update/urn:li:activity:7190000000000000000/",
  ],
};

const HOSTILE = [
  "javascript:alert(1)//x.com/jack/status/20",
  "JavaScript:alert(document.cookie)",
  "data:text/html,<script>alert(1)</script>",
  "http://x.com/jack/status/20",
  "https://x.com.evil.example/jack/status/20",
  "https://evilx.com/jack/status/20",
  "https://x.com@evil.example/jack/status/20",
  "https://user:pass@x.com/jack/status/20",
  "https://x.com:8443/jack/status/20",
  "https://evil.example/x.com/jack/status/20",
  "https://x.com\\@evil.example/jack/status/20",
  " https://x.com/jack/status/20",
  "https://x.com/jack/status/20\n",
  "https://x.com/ja\tck/status/20",
  "https://x.com/jack/status/20\u202E",
  "https://x.com/jack/status/20abc",
  "https://x.com/jack",
  "//x.com/jack/status/20",
  "x.com/jack/status/20",
  `https://x.com/jack/status/20?${"a".repeat(3000)}`,
  "https://bsky.app.evil.example/profile/a.b/post/3kq2",
  "https://www.facebook.com.evil.example/CitiesForAction/posts/1",
  "https://www.instagram.com/accounts/login/",
  "https://www.linkedin.com/in/someone/",
  "https://xn--80ak6aa92e.com/jack/status/20",
];

describe("post addresses", () => {
  it("accepts a post on each platform, and only on that platform", () => {
    for (const platform of PLATFORMS) {
      for (const url of GOOD[platform]) {
        assert.equal(isPostUrl(platform, url), true, `${platform}: ${url}`);
        assert.equal(platformOfPostUrl(url), platform, url);
        for (const other of PLATFORMS.filter((p) => p !== platform))
          assert.equal(isPostUrl(other, url), false, `${other} took ${url}`);
      }
    }
  });

  it("refuses other schemes, lookalike hosts, userinfo, ports and invisible characters", () => {
    for (const url of HOSTILE)
      for (const platform of PLATFORMS)
        assert.equal(isPostUrl(platform, url), false, `${platform}: ${JSON.stringify(url)}`);
  });

  it("takes Mastodon posts from any server, but not from another platform's host or an IP", () => {
    assert.equal(isPostUrl("mastodon", "https://x.com/@jack/20"), false);
    assert.equal(isPostUrl("mastodon", "https://127.0.0.1/@jack/20"), false);
    assert.equal(isPostUrl("mastodon", "https://localhost/@jack/20"), false);
    assert.equal(isPostUrl("mastodon", "http://mastodon.social/@Gargron/1"), false);
    assert.equal(isPostUrl("mastodon", "https://mastodon.social/@Gargron"), false);
  });

  it("names no platform for what is not a post", () => {
    assert.equal(platformOfPostUrl("https://example.org/"), null);
    assert.equal(platformOfPostUrl("not a url"), null);
  });
});

describe("share links", () => {
  const text = "Cities stand with immigrants: https://example.org/campaign #CitiesForAction & more";

  it("opens each composer with the text, encoded", () => {
    const encoded = encodeURIComponent(text);
    assert.equal(shareUrl("x", text), `https://x.com/intent/post?text=${encoded}`);
    assert.equal(shareUrl("bluesky", text), `https://bsky.app/intent/compose?text=${encoded}`);
    assert.equal(shareUrl("threads", text), `https://www.threads.net/intent/post?text=${encoded}`);
    assert.equal(
      shareUrl("linkedin", text),
      `https://www.linkedin.com/feed/?shareActive=true&text=${encoded}`,
    );
    const parsed = new URL(shareUrl("x", text) ?? "");
    assert.equal(parsed.searchParams.get("text"), text);
    assert.equal([...parsed.searchParams.keys()].length, 1);
  });

  it("gives Facebook a page, not text: the one asked for, else the text's first https link", () => {
    assert.equal(
      shareUrl("facebook", text),
      `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent("https://example.org/campaign")}`,
    );
    assert.equal(
      shareUrl("facebook", text, { url: "https://example.org/other" }),
      `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent("https://example.org/other")}`,
    );
    assert.equal(shareUrl("facebook", "No link here"), null);
    assert.equal(shareUrl("facebook", "x", { url: "javascript:alert(1)" }), null);
  });

  it("shares to Mastodon only through a named server, and never to Instagram", () => {
    assert.equal(shareUrl("mastodon", text), null);
    assert.equal(
      shareUrl("mastodon", text, { mastodonHost: "Mastodon.Social" }),
      `https://mastodon.social/share?text=${encodeURIComponent(text)}`,
    );
    for (const host of ["evil.example/x?", "a@b.example", "127.0.0.1", "host:8080", "localhost"])
      assert.equal(shareUrl("mastodon", text, { mastodonHost: host }), null, host);
    assert.equal(shareUrl("instagram", text), null);
  });
});

describe("platform list", () => {
  it("has a name and a limit for every platform, and knows its own names", () => {
    for (const platform of PLATFORMS) {
      assert.ok(PLATFORM_INFO[platform].name.length > 0);
      assert.ok(PLATFORM_INFO[platform].limit > 0);
      assert.equal(isPlatform(platform), true);
    }
    assert.equal(isPlatform("myspace"), false);
    assert.equal(isPlatform("toString"), false);
  });
});
