import { defineProject } from '../vitest.shared.ts'

// The bench's one test: the push burst at CI size, asserting counts (never times).
export default defineProject({ include: ['src/**/*.test.ts'], testTimeout: 300_000, hookTimeout: 60_000 })
