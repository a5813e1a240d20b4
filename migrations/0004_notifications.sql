CREATE SCHEMA "notifications";
--> statement-breakpoint
CREATE TABLE "notifications"."emails" (
	"id" text PRIMARY KEY NOT NULL,
	"idempotency_key" text NOT NULL,
	"template" text NOT NULL,
	"recipient" text NOT NULL,
	"order_id" text,
	"data" jsonb NOT NULL,
	"subject" text NOT NULL,
	"text_body" text NOT NULL,
	"html_body" text NOT NULL,
	"message_id" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp (3) with time zone,
	"last_error" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp (3) with time zone,
	CONSTRAINT "emails_status_check" CHECK ("notifications"."emails"."status" in ('queued', 'sending', 'sent', 'failed')),
	CONSTRAINT "emails_attempts_check" CHECK ("notifications"."emails"."attempts" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "emails_idempotency_key_uq" ON "notifications"."emails" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "emails_due_idx" ON "notifications"."emails" USING btree ("next_attempt_at") WHERE "notifications"."emails"."status" in ('queued', 'sending');--> statement-breakpoint
CREATE INDEX "emails_order_idx" ON "notifications"."emails" USING btree ("order_id") WHERE "notifications"."emails"."order_id" is not null;