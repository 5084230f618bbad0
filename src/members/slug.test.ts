import assert from "node:assert/strict";
import { it } from "node:test";
import { deriveSlug, uniqueSlug } from "./slug.js";

it("derives kebab-case ASCII slugs", () => {
  assert.equal(deriveSlug("San José", "CA"), "san-jose-ca");
  assert.equal(deriveSlug("St. Mary's & Co.", "MD"), "st-mary-s-and-co-md");
  assert.equal(deriveSlug("Washington, DC", "DC"), "washington-dc");
  assert.equal(deriveSlug("<b>Doña Ana</b> County", "NM"), "b-dona-ana-b-county-nm");
});

it("makes a slug unique with the first free number from 2", () => {
  assert.equal(uniqueSlug("Springfield", "IL", new Set()), "springfield-il");
  assert.equal(uniqueSlug("Springfield", "IL", new Set(["springfield-il-3"])), "springfield-il");
  assert.equal(
    uniqueSlug("Springfield", "IL", new Set(["springfield-il", "springfield-il-2"])),
    "springfield-il-3",
  );
});
