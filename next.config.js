// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and server-only packages stay out of the bundle and load from node_modules.
  serverExternalPackages: ["undici", "prom-client", "gpt-tokenizer", "@pydantic/genai-prices", "@opentelemetry/otlp-transformer", "better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg"],
  poweredByHeader: false,
};

module.exports = nextConfig;
