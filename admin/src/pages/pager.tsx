/** Cursor paging: the cursors of the pages before this one are kept, so "Previous" needs no offset. */
export const Pager = ({
  back,
  next,
  onBack,
  onNext,
}: {
  back: boolean
  next: string | null
  onBack: () => void
  onNext: (cursor: string) => void
}) => (
  <div class="pager">
    <button type="button" disabled={!back} onClick={onBack}>
      ← Previous
    </button>
    <button type="button" disabled={!next} onClick={() => next && onNext(next)}>
      Next →
    </button>
  </div>
)
