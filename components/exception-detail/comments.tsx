"use client";

import { useState, type FormEvent } from "react";
import { formatDateTime } from "@/lib/contracts/format";
import type { TExceptionCommentView } from "@/lib/contracts/exceptions";

export function Comments({
  comments,
  canComment,
  busy,
  onComment,
}: {
  comments: TExceptionCommentView[];
  canComment: boolean;
  busy: boolean;
  onComment: (body: string) => void;
}) {
  const [body, setBody] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = body.trim();
    if (!text) return;
    onComment(text);
    setBody("");
  };
  return (
    <div className="px-4 py-3 text-sm">
      {comments.length === 0 ? (
        <p className="text-slate-600">No comments yet.</p>
      ) : (
        <ol className="space-y-2.5">
          {comments.map((comment) => (
            <li key={comment.id} className={comment.id.startsWith("pending-") ? "opacity-60" : ""}>
              <p className="text-xs text-slate-600">
                <span className="font-medium text-slate-900">{comment.author.name}</span> · <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt)}</time>
              </p>
              <p className="mt-0.5 whitespace-pre-wrap text-slate-800">{comment.body}</p>
            </li>
          ))}
        </ol>
      )}
      {canComment ? (
        <form onSubmit={submit} className="mt-3 space-y-2">
          <label htmlFor="comment-body" className="sr-only">
            Comment
          </label>
          <textarea
            id="comment-body"
            rows={2}
            maxLength={4000}
            placeholder="Add a comment for the team…"
            className="block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm placeholder:text-slate-500"
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
          <div className="flex justify-end">
            <button type="submit" className="btn-secondary h-7 px-2.5 py-0 text-xs" disabled={busy || !body.trim()}>
              Comment
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
