// Static export: `next build` writes the whole site to out/. NEXT_BASE_PATH lets the same build live under a
// sub-path (e.g. a project page); every asset URL, including the worker's wasm files, goes through it.
const basePath = process.env.NEXT_BASE_PATH ?? '';

/** @type {import('next').NextConfig} */
const nextConfig = {
  output: 'export',
  trailingSlash: true,
  basePath,
  images: { unoptimized: true },
  env: { NEXT_PUBLIC_BASE_PATH: basePath },
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm test` type-checks the whole project as its own step (tsc --noEmit); no need to do it twice.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
