// Public entry of @wxmp/emulator.
export { startEmulator } from './server'
export type { Emulator } from './server'
export { createEmulatorApp } from './app'
export { DEFAULT_APP } from './runtime'
export { EmulatorControl, EmulatorControlError } from './control-client'
export type { MenuButtonRef, TapMenuOptions } from './modules/menu/types'
export type {
  AppOption,
  ChatItem,
  ConsoleMenuButton,
  ConsoleState,
  EmulatorControlOptions,
  FaultInfo,
  FollowerPatch,
  FollowerRecord,
  IssuedCode,
  JsApiConfigCheck,
  MassJob,
  MediaDownload,
  MediaItem,
  OutboxFilter,
  PublishBehaviour,
  PublishJobInfo,
  PushFilter,
  PushTargetInfo,
  QrTicketInfo,
  RevokeOptions,
  SubscribeChoice,
  SubscribePopupOptions,
  TemplateOptions,
  TemplateQuota,
  UserActionOptions,
  VerifyUrlOptions,
  VerifyUrlResult,
  WaitForPushOptions,
} from './control-client'
export type {
  EmulatorApp,
  EmulatorOptions,
  OutboxEntry,
  FaultSpec,
  PushConfig,
  PushRecord,
  PushReply,
  PushResult,
  UserEvent,
  UserMessage,
} from './types'

// For module authors and advanced use.
export { defineModule } from './context'
export type { AppState, Clock, EmulatorContext, EmulatorModule, EmuEnv, EmuHono } from './context'
export type { UserRecord } from './model/followers'
export { wxOk, wxError, wxJson, readJson, ERRMSG } from './wechat'
