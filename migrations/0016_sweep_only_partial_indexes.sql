DROP INDEX "fulfillment"."order_reviews_capture_idx";--> statement-breakpoint
DROP INDEX "integrations"."webhook_deliveries_due_idx";--> statement-breakpoint
DROP INDEX "inventory"."reservations_expiry_idx";--> statement-breakpoint
DROP INDEX "notifications"."emails_due_idx";--> statement-breakpoint
CREATE INDEX "order_reviews_capture_idx" ON "fulfillment"."order_reviews" USING btree ("capture_next_at") WHERE "fulfillment"."order_reviews"."capture_status" = 'due' and "fulfillment"."order_reviews"."capture_next_at" is not null;--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due_idx" ON "integrations"."webhook_deliveries" USING btree ("next_attempt_at") WHERE "integrations"."webhook_deliveries"."status" in ('queued', 'sending') and "integrations"."webhook_deliveries"."next_attempt_at" is not null;--> statement-breakpoint
CREATE INDEX "reservations_expiry_idx" ON "inventory"."reservations" USING btree ("expires_at") WHERE "inventory"."reservations"."status" = 'active' and "inventory"."reservations"."expires_at" is not null;--> statement-breakpoint
CREATE INDEX "emails_due_idx" ON "notifications"."emails" USING btree ("next_attempt_at") WHERE "notifications"."emails"."status" in ('queued', 'sending') and "notifications"."emails"."next_attempt_at" is not null;