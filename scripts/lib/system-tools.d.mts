/** The one command that installs each tool (Debian/Ubuntu). */
export declare const INSTALL: { readonly chromium: string; readonly 'redis-server': string }
/** Absolute path of an executable named `name` on the PATH (default `process.env.PATH`), or undefined. */
export declare function which(name: string, path?: string): string | undefined
/** `CHROMIUM_PATH` when set, else `chromium` or `chromium-browser` on the PATH, or undefined. */
export declare function findChromium(): string | undefined
/** True when `CI=true`. */
export declare function inCI(): boolean
/** The line printed when `what` is skipped because `tool` is missing. */
export declare function skipMessage(what: string, tool: keyof typeof INSTALL): string
/** True when `found`; else throws under CI=true, or prints the skip line and returns false. */
export declare function canRun(what: string, tool: keyof typeof INSTALL, found: unknown): boolean

/** The flags Chromium needs on these machines (no sandbox in a container, no GPU, no network chatter). */
export declare const CHROMIUM_ARGS: string[]
