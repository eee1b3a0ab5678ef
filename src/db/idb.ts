/** Promises over IndexedDB's event-based requests and transactions. */

/** Resolves when the transaction commits, rejects with its error (QuotaExceededError among them). */
export function transactionDone(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve()
    transaction.onabort = () =>
      reject(transaction.error ?? new DOMException('Transaction aborted', 'AbortError'))
    transaction.onerror = () =>
      reject(transaction.error ?? new DOMException('Transaction failed', 'UnknownError'))
  })
}

export function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'))
  })
}
