/** While the drift record is read: the page's shape, so nothing jumps when it arrives. */
export default function DriftSeriesLoading() {
  return (
    <div role="status" aria-label="Loading the drifting series" className="animate-pulse">
      <div className="mb-2 h-6 w-72 max-w-full rounded bg-slate-200" />
      <div className="mb-5 h-4 w-[28rem] max-w-full rounded bg-slate-100" />
      <div className="card space-y-2 p-4">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="h-5 rounded bg-slate-100" />
        ))}
      </div>
    </div>
  );
}
