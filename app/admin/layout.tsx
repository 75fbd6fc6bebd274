import type { Metadata } from "next";
import { AdminNav } from "@/components/admin/admin-nav";

export const metadata: Metadata = { title: { default: "Admin", template: "%s · Admin · Flash Sale" } };

// Every admin page checks the session itself (staffAccess), since a layout does not know the path
// to come back to after sign-in and is not re-run on every navigation.
export default function AdminLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <AdminNav />
      {children}
    </>
  );
}
