/**
 * The Teams meeting around the tab, when there is one: in the meeting side panel the organiser
 * shares the web to the stage (`meeting.shareAppContentToStage`), where everyone sees the same
 * page polling the same web. Outside Teams, or in a tab that is not in a meeting, none of this
 * applies and the page works the same without it.
 */
export interface MeetingStage {
  /** Shares a page of the tab to the meeting stage for everyone in the meeting. */
  share(url: string): Promise<void>;
}

export async function meetingStage(): Promise<MeetingStage | undefined> {
  if (window.parent === window) return undefined; // a plain browser: no Teams host around us
  const { app, meeting, FrameContexts } = await import('@microsoft/teams-js');
  if (!app.isInitialized()) return undefined;
  const context = await app.getContext();
  if (!context.meeting?.id || context.page.frameContext !== FrameContexts.sidePanel) return undefined;
  const allowed = await new Promise<boolean>((resolve) =>
    meeting.getAppContentStageSharingCapabilities((error, result) =>
      resolve(!error && !!result?.doesAppHaveSharePermission),
    ),
  );
  if (!allowed) return undefined;
  return {
    share: (url) =>
      new Promise<void>((resolve, reject) =>
        meeting.shareAppContentToStage(
          (error) => (error ? reject(new Error(error.message ?? String(error.errorCode))) : resolve()),
          url,
        ),
      ),
  };
}
