/// <reference types="vite/client" />
/** True in builds that expose the store on window.__viewer for end-to-end tests. */
declare const __TEST_HOOKS__: boolean;
