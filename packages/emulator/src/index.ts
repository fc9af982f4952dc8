// Public entry of @wxmp/emulator.
export { startEmulator } from './server'
export type { Emulator } from './server'
export { createEmulatorApp } from './app'
export { DEFAULT_APP } from './runtime'
export { EmulatorControl, EmulatorControlError } from './control-client'
export type {
  AppOption, EmulatorControlOptions, FaultInfo, FollowerPatch, FollowerRecord, IssuedCode, JsApiConfigCheck, MassJob, MediaDownload, MediaItem, OutboxFilter,
  PushFilter, PushTargetInfo, QrTicketInfo, RevokeOptions, TemplateOptions, TemplateQuota, UserActionOptions, VerifyUrlOptions, VerifyUrlResult, WaitForPushOptions,
} from './control-client'
export type { EmulatorApp, EmulatorOptions, OutboxEntry, FaultSpec, PushConfig, PushRecord, PushReply, PushResult, UserEvent, UserMessage } from './types'

// For module authors and advanced use.
export { defineModule } from './context'
export type { AppState, Clock, EmulatorContext, EmulatorModule, EmuEnv, EmuHono } from './context'
export type { UserRecord } from './model/followers'
export { wxOk, wxError, wxJson, readJson, ERRMSG } from './wechat'
