import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { chooseVersion, readingOrders } from "./versions.service.js";

// The rows migration 0020 puts in language_fallbacks.
const ROWS = [
  { locale: "es", fallback: "en" },
  { locale: "zh-Hans", fallback: "en" },
  { locale: "zh-Hant", fallback: "zh-Hans" },
  { locale: "zh-Hant", fallback: "en" },
];

describe("which version a reader gets", () => {
  const orders = readingOrders(ROWS);

  it("reads each language's fallbacks in order, then English, once each", () => {
    assert.deepEqual(orders.orderFor("zh-Hant"), ["zh-Hant", "zh-Hans", "en"]);
    assert.deepEqual(orders.orderFor("es"), ["es", "en"]);
    assert.deepEqual(orders.orderFor("en"), ["en"]);
    assert.deepEqual(orders.orderFor("ko"), ["ko", "en"]);
  });

  it("gives the reader's own version when it is ready, unlabelled", () => {
    const chosen = chooseVersion([{ locale: "en" }, { locale: "es" }], orders.orderFor("es"));
    assert.deepEqual(chosen, { version: { locale: "es" }, fallback: false });
  });

  it("falls back in the order of the data: zh-Hant gets zh-Hans before English", () => {
    const ready = [{ locale: "en" }, { locale: "zh-Hans" }];
    assert.deepEqual(chooseVersion(ready, orders.orderFor("zh-Hant")), {
      version: { locale: "zh-Hans" },
      fallback: true,
    });
    assert.deepEqual(chooseVersion([{ locale: "en" }], orders.orderFor("zh-Hant")), {
      version: { locale: "en" },
      fallback: true,
    });
  });

  it("shows any ready version, labelled, when none in the order is ready; nothing when none is", () => {
    assert.deepEqual(chooseVersion([{ locale: "es" }], orders.orderFor("zh-Hans")), {
      version: { locale: "es" },
      fallback: true,
    });
    assert.equal(chooseVersion([], orders.orderFor("en")), undefined);
  });
});
