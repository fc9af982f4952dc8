// Customer-service rules the emulator enforces, from WeChat's documentation.

/** The reply window: 48 hours after the user's last interaction. */
export const WINDOW_MS = 48 * 3600 * 1000

/**
 * Messages allowed per user interaction. WeChat documents 5 per user message (48 h) and 3 per menu
 * click, follow or scan (1 minute); the emulator knows only "an interaction", so it applies the
 * user-message allowance and answers 45047 beyond it.
 */
export const SENDS_PER_INTERACTION = 5

/** Text content limit (45002 beyond it). */
export const TEXT_MAX_BYTES = 2048

export const KF_MAX = 100
