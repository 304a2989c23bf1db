"use client";

import { useState, type FormEvent } from "react";
import { ModalDialog } from "@/components/ui/modal-dialog";

const UNASSIGN = "__none__";

/** Assign to a colleague, to oneself, or clear the assignee. Resolves to the assignee id or null. */
export function AssignDialog({
  open,
  subject,
  viewer,
  people,
  onClose,
  onConfirm,
}: {
  open: boolean;
  subject: string;
  viewer: { id: string; name: string };
  people: { id: string; name: string }[];
  onClose: () => void;
  onConfirm: (assigneeId: string | null) => void;
}) {
  return (
    <ModalDialog open={open} title="Assign" description={subject} onClose={onClose}>
      <AssignForm viewer={viewer} people={people} onCancel={onClose} onConfirm={onConfirm} />
    </ModalDialog>
  );
}

function AssignForm({
  viewer,
  people,
  onCancel,
  onConfirm,
}: {
  viewer: { id: string; name: string };
  people: { id: string; name: string }[];
  onCancel: () => void;
  onConfirm: (assigneeId: string | null) => void;
}) {
  const [choice, setChoice] = useState(viewer.id);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onConfirm(choice === UNASSIGN ? null : choice);
  };
  return (
    <form onSubmit={submit} className="space-y-4">
      <div>
        <label htmlFor="assign-to" className="field-label">
          Assign to
        </label>
        <select id="assign-to" className="field-input" value={choice} onChange={(e) => setChoice(e.target.value)} autoFocus>
          <option value={viewer.id}>Me ({viewer.name})</option>
          {people.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name}
            </option>
          ))}
          <option value={UNASSIGN}>Nobody (unassign)</option>
        </select>
      </div>
      <div className="flex justify-end gap-2">
        <button type="button" className="btn-ghost" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn-primary">
          Assign
        </button>
      </div>
    </form>
  );
}
