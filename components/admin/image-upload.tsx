"use client";

import { useId, useState, type ChangeEvent } from "react";
import { AdminApiError } from "@/components/admin/admin-api";

type ImageUploadProps = { onUploaded: (url: string) => void };

/** Uploads a product picture (POST /api/admin/images, stored in GridFS) and hands back its URL. */
export function ImageUpload({ onUploaded }: ImageUploadProps) {
  const id = useId();
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });

  async function upload(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    setState({ busy: true, error: null });
    const body = new FormData();
    body.set("file", file);
    try {
      const response = await fetch("/api/admin/images", { method: "POST", body });
      const payload = (await response.json().catch(() => null)) as { image?: { url: string }; error?: { code: string; message: string } } | null;
      if (!response.ok || !payload?.image) throw new AdminApiError(response.status, payload?.error?.code ?? "internal", payload?.error?.message.replace(/^file: /, "") ?? "The upload failed.");
      onUploaded(payload.image.url);
      setState({ busy: false, error: null });
    } catch (error) {
      setState({ busy: false, error: error instanceof AdminApiError ? error.message : "The upload failed. Check your connection and try again." });
    } finally {
      event.target.value = "";
    }
  }

  return (
    <div>
      <label htmlFor={id} className="block text-sm font-semibold text-slate-800">
        Or upload a picture
      </label>
      <input
        id={id}
        name="imageFile"
        type="file"
        accept="image/png,image/jpeg,image/webp,image/gif"
        onChange={upload}
        disabled={state.busy}
        aria-describedby={`${id}-hint`}
        className="mt-1.5 block w-full text-sm text-slate-700 file:mr-3 file:rounded-xl file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:font-semibold"
      />
      <p id={`${id}-hint`} className="mt-1 text-sm text-slate-600" aria-live="polite">
        {state.busy ? "Uploading…" : "PNG, JPEG, WebP or GIF, up to 2 MB."}
      </p>
      {state.error && (
        <p role="alert" className="mt-1 text-sm font-medium text-rose-700">
          {state.error}
        </p>
      )}
    </div>
  );
}
