/** What a backup or restore can run into that the operator can fix (STYLE.md §6: returned, not thrown). */
export type BackupError =
  | { readonly code: 'BACKUP_TOOL_MISSING'; readonly message: string }
  | { readonly code: 'BACKUP_NO_DATABASE'; readonly message: string }
  | { readonly code: 'BACKUP_DATABASE_IN_USE'; readonly message: string }
  | { readonly code: 'BACKUP_TOOL_FAILED'; readonly message: string }
  | { readonly code: 'RESTORE_FILE_UNREADABLE'; readonly message: string }
  | { readonly code: 'RESTORE_WRONG_ENGINE'; readonly message: string }
  | { readonly code: 'RESTORE_TARGET_NOT_EMPTY'; readonly message: string; readonly tables: number }
  | { readonly code: 'RESTORE_TARGET_IN_USE'; readonly message: string }

export type BackupProgress = (line: string) => void
