-- The highest version each tenant's history records as baselined (baseline, tenants create --baseline, an adopted
-- baseline), as the plane last learned it; null where none is, or where nothing read the tenant since this column came.
-- lint without --pending counts a version at or below it as baselined on that tenant, never run there: editing its file
-- changes nothing there (a baselined version's checksum is not compared), where current_version alone said it ran.
ALTER TABLE tenants ADD COLUMN baseline_version VARCHAR(50);
