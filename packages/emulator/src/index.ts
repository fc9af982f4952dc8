// Public entry of @wxmp/emulator.
export { startEmulator } from './server'
export type { Emulator } from './server'
export { createEmulatorApp } from './app'
export { DEFAULT_APP } from './runtime'
export { EmulatorControl, EmulatorControlError } from './control-client'
export type { MenuButtonRef, TapMenuOptions } from './modules/menu/types'
export type { AppOption, JsApiConfigCheck, EmulatorControlOptions, FaultInfo, FollowerPatch, OutboxFilter, PublishBehaviour, PublishJobInfo, PushFilter, PushTargetInfo, RevokeOptions, SubscribeChoice, SubscribePopupOptions, WaitForPushOptions } from './control-client'
export type { EmulatorApp, EmulatorOptions, OutboxEntry, FaultSpec, PushConfig, PushRecord, PushReply, PushResult, UserEvent, UserMessage } from './types'

// For module authors and advanced use.
export { defineModule } from './context'
export type { AppState, Clock, EmulatorContext, EmulatorModule, EmuEnv, EmuHono } from './context'
export type { UserRecord } from './model/followers'
export { wxOk, wxError, wxJson, readJson, ERRMSG } from './wechat'
