/** The waiting room (docs/waiting-room.md): signed FIFO tickets, admission at a configured rate, shared through Redis. */
export {
  type Entry,
  openWaitingRoom,
  type RoomSnapshot,
  type WaitingRoom,
  type WaitingRoomOptions,
  createWaitingRoom,
} from './create-waiting-room.ts'
export { PASS_COOKIE, QUEUE_PASS_HEADER, QUEUE_TOKEN_HEADER, registerWaitingRoom, TICKET_COOKIE } from './register-waiting-room.ts'
export { waitingRoomAdminRoutes } from './admin-routes.ts'
export { waitingRoomOptionsFromConfig } from './options-from-config.ts'
