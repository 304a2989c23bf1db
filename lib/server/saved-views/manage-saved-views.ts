import "server-only";
import { MAX_SAVED_VIEWS, type TSaveViewRequest, type TSavedView } from "../../contracts/saved-views";
import type { Db } from "../db";
import { AppError, notFound } from "../app-error";

interface ViewOwner {
  id: string;
}

const VIEW_FIELDS = { id: true, name: true, search: true } as const;

/** The person's own saved queue views, by name. */
export async function listSavedViews(db: Db, owner: ViewOwner): Promise<TSavedView[]> {
  return db.savedView.findMany({ where: { userId: owner.id }, select: VIEW_FIELDS, orderBy: { name: "asc" } });
}

/**
 * Saves the current queue filters under a name; saving under an existing name replaces that view.
 * A view only stores a query string: the list it shows is scoped by the server on every request,
 * so a view can never widen what its owner sees.
 */
export async function saveView(db: Db, owner: ViewOwner, input: TSaveViewRequest): Promise<TSavedView> {
  return db.$transaction(async (tx) => {
    const existing = await tx.savedView.findUnique({ where: { userId_name: { userId: owner.id, name: input.name } }, select: { id: true } });
    if (!existing && (await tx.savedView.count({ where: { userId: owner.id } })) >= MAX_SAVED_VIEWS) {
      throw new AppError("VALIDATION_FAILED", `You can keep at most ${MAX_SAVED_VIEWS} views; delete one first.`, { fieldErrors: { name: [`at most ${MAX_SAVED_VIEWS} views`] } });
    }
    return tx.savedView.upsert({
      where: { userId_name: { userId: owner.id, name: input.name } },
      create: { userId: owner.id, name: input.name, search: input.search },
      update: { search: input.search },
      select: VIEW_FIELDS,
    });
  });
}

/** Deletes one of the person's own views; anyone else's answers 404, like a missing one. */
export async function deleteSavedView(db: Db, owner: ViewOwner, id: string): Promise<void> {
  const { count } = await db.savedView.deleteMany({ where: { id, userId: owner.id } });
  if (count === 0) throw notFound("This view");
}
