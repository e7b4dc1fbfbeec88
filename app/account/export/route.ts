import { exportPersonalData } from "@/app/_lib/account/export";
import { getViewer } from "@/app/_lib/auth/viewer";

/** The signed-in person's data as a JSON download; nobody else's, whatever is asked. */
export async function GET(): Promise<Response> {
  const viewer = await getViewer();
  if (!viewer) return Response.json({ error: "Sign in to export your data." }, { status: 401 });
  const data = await exportPersonalData(viewer);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="vetted-data-${data.exportedAt.slice(0, 10)}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
