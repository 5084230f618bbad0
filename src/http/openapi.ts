import swagger from "@fastify/swagger";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/**
 * Builds the OpenAPI document from the route schemas, so it cannot drift from the code.
 * Only /api/ routes and the health checks are described; pages are not an API.
 */
export const openapiPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(swagger, {
      openapi: {
        openapi: "3.1.0",
        info: {
          title: `${app.config.siteName} API`,
          version: "1.0.0",
          description:
            "Public, read-only data about the coalition. Lists are wrapped in an object so paging fields can be added.",
        },
        servers: [{ url: app.config.publicUrl }],
      },
      hideUntagged: true,
    });
    app.get("/api/v1/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  },
  { name: "openapi" },
);
