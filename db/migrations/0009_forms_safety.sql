ALTER TABLE "practice_settings" ADD COLUMN "crisis_text" text;--> statement-breakpoint
ALTER TABLE "form_responses" ADD COLUMN "reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "form_responses" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "form_responses" ADD COLUMN "cancelled_by_id" uuid;--> statement-breakpoint
ALTER TABLE "form_responses" ADD CONSTRAINT "form_responses_cancelled_by_id_users_id_fk" FOREIGN KEY ("cancelled_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;