/// <reference types="vite/client" />
/** True in builds that expose the store on window.__viewer for end-to-end tests. */
declare const __TEST_HOOKS__: boolean;
/** Identifies the build (version + build time); cached models from other builds are ignored. */
declare const __BUILD_ID__: string;
/** Origins besides the app's own that `?url=` and embedding may read (VIEWER_ALLOWED_ORIGINS). */
declare const __ALLOWED_ORIGINS__: readonly string[];
