import { notFound } from "next/navigation";
import { DomainError } from "@/lib/errors/domain-error";
import type { AdminSale } from "@/lib/domain/sales/admin-sale";
import { getSale } from "@/lib/domain/sales/get-sale";

/** The sale of an admin page, or Next's 404 page. */
export async function loadAdminSale(id: string): Promise<AdminSale> {
  try {
    return await getSale(id);
  } catch (error) {
    if (error instanceof DomainError && error.code === "not_found") notFound();
    throw error;
  }
}
