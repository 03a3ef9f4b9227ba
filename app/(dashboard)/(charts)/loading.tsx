// The skeleton the chart and list pages show while their queries run. Detail pages (one user,
// session or property) check that their subject exists in a layout above their own skeleton, and
// settings pages have none: under a loading boundary the response streams before a page can call
// notFound(), so a missing or other workspace's item would answer 200 instead of 404.
import { PageSkeleton } from "@/components/ui/page-skeleton";

export default PageSkeleton;
