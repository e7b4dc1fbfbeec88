/** The site's posts feed, as a metadata alternate link. */
export const SITE_FEED = { url: "/feed.xml", title: "Vetted: new posts" };
