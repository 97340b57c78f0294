import type { Page } from '@playwright/test'

/** How many rows one object store of one of the app's IndexedDB databases holds on this device (0 when it has no such store). */
export function storedRows(page: Page, database: string, store: string): Promise<number> {
  return page.evaluate(
    ([database, store]) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(database)
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          if (!db.objectStoreNames.contains(store)) {
            db.close()
            resolve(0)
            return
          }
          const count = db.transaction(store).objectStore(store).count()
          count.onsuccess = () => {
            db.close()
            resolve(count.result)
          }
          count.onerror = () => reject(count.error)
        }
      }),
    [database, store] as const,
  )
}
