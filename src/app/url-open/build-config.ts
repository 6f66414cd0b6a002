/** Build-time settings of the deployment (defined by vite.config.ts; absent in unit tests). */

/** Other origins `?url=` and the embedding API may use (VIEWER_ALLOWED_ORIGINS). */
export const ALLOWED_ORIGINS: readonly string[] =
  typeof __ALLOWED_ORIGINS__ !== 'undefined' ? __ALLOWED_ORIGINS__ : [];
