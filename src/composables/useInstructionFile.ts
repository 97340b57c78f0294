import { onScopeDispose, ref, type Ref } from 'vue'
import type { InstructionAttachment } from '../domain/contract'
import { instructionFile, InstructionFileOfflineError } from '../sync'

export interface UseInstructionFileReturn {
  /** The file shown, or null. */
  file: Ref<InstructionAttachment | null>
  /** An object URL of its content (a blob: URL, so the viewer loads nothing from the network). */
  url: Ref<string | null>
  /** Why the last file could not be opened: `offline` (not on this device and no server) or `failed`. */
  problem: Ref<'offline' | 'failed' | null>
  loading: Ref<boolean>
  show(file: InstructionAttachment): Promise<void>
  close(): void
}

/** Opens instruction files from this device (or the server), releasing each object URL when done. */
export function useInstructionFile(): UseInstructionFileReturn {
  const file = ref<InstructionAttachment | null>(null)
  const url = ref<string | null>(null)
  const problem = ref<'offline' | 'failed' | null>(null)
  const loading = ref(false)

  function close(): void {
    if (url.value) URL.revokeObjectURL(url.value)
    url.value = null
    file.value = null
  }

  async function show(next: InstructionAttachment): Promise<void> {
    close()
    problem.value = null
    loading.value = true
    try {
      const blob = await instructionFile(next)
      file.value = next
      url.value = URL.createObjectURL(blob)
    } catch (e) {
      problem.value = e instanceof InstructionFileOfflineError ? 'offline' : 'failed'
    } finally {
      loading.value = false
    }
  }

  onScopeDispose(close)
  return { file, url, problem, loading, show, close }
}
