import { defineProject } from '../../vitest.shared.ts'

// A browser on a busy CI box: launching Chromium and opening a page can take several seconds each.
export default defineProject({ testTimeout: 120_000, hookTimeout: 120_000 })
