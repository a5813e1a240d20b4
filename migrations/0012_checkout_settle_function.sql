-- Hand-written (decision 0025): a paid checkout's settling as one call instead of eight statements.
-- Each module keeps its own part: inventory commits the holds, orders moves the statuses (with
-- history and outbox events), checkout calls both and closes the cart. The rules that decide
-- (which moves are allowed, the ids) come from TypeScript as arguments.

-- The order with its items and history, as the API's read of one order returns them. (PL/pgSQL,
-- not SQL: PostgreSQL 15 parses and plans a SQL function that is not inlined at every call; PL/pgSQL
-- keeps its plans for the session.)
CREATE OR REPLACE FUNCTION "orders"."order_json"(p_order_id text) RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (SELECT jsonb_build_object(
    'row', to_jsonb(o),
    'items', coalesce((SELECT jsonb_agg(jsonb_build_object('id', i.id, 'variant_id', i.variant_id, 'sku', i.sku,
        'title', i.title, 'quantity', i.quantity, 'unit_price', i.unit_price, 'total', i.total) ORDER BY i.id)
      FROM orders.items i WHERE i.order_id = o.id), '[]'::jsonb),
    'history', coalesce((SELECT jsonb_agg(jsonb_build_object('field', h.field, 'from_value', h.from_value,
        'to_value', h.to_value, 'note', h.note, 'at', to_char(h.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) ORDER BY h.at, h.id)
      FROM orders.history h WHERE h.order_id = o.id), '[]'::jsonb))
  FROM orders.orders o WHERE o.id = p_order_id);
END
$$;
--> statement-breakpoint
-- Marks a reservation's active holds committed; returns how many of its holds were released
-- already (expired while the payment ran), in which case the caller must undo the payment.
CREATE OR REPLACE FUNCTION "inventory"."commit_holds"(p_ref text) RETURNS integer
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE inventory.reservations SET status = 'committed' WHERE ref = p_ref AND status = 'active';
  RETURN (SELECT count(*) FROM inventory.reservations WHERE ref = p_ref AND status = 'released')::int;
END
$$;
--> statement-breakpoint
-- Payment authorised: payment_status → authorized and status → placed under the order's row lock,
-- each only from a state in its allowed list (TypeScript's state machine) and skipped when already
-- there; a history row per move (after the order's latest entry, a millisecond apart) and the
-- events transitionEvents() describes, with the given ids in order. Raises when a move is not
-- allowed or the order does not exist. Returns the order as orders.order_json.
CREATE OR REPLACE FUNCTION "orders"."place_paid"(
  p_order_id text, p_now timestamptz, p_payment_allowed jsonb, p_status_allowed jsonb,
  p_history_ids jsonb, p_event_ids jsonb
) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_payment text;
  v_status text;
  v_moves jsonb := '[]'::jsonb;
  v_move jsonb;
  v_first timestamptz;
  v_at text;
  v_n int := 0;
  v_e int := 0;
BEGIN
  SELECT payment_status, status INTO v_payment, v_status FROM orders.orders WHERE id = p_order_id FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'order % does not exist', p_order_id USING ERRCODE = 'no_data_found';
  END IF;
  IF v_payment <> 'authorized' THEN
    IF NOT (p_payment_allowed ? v_payment) THEN
      RAISE EXCEPTION 'order %: payment_status cannot move from % to authorized', p_order_id, v_payment USING ERRCODE = 'check_violation';
    END IF;
    v_moves := v_moves || jsonb_build_object('field', 'payment_status', 'from', v_payment, 'to', 'authorized');
  END IF;
  IF v_status <> 'placed' THEN
    IF NOT (p_status_allowed ? v_status) THEN
      RAISE EXCEPTION 'order %: status cannot move from % to placed', p_order_id, v_status USING ERRCODE = 'check_violation';
    END IF;
    v_moves := v_moves || jsonb_build_object('field', 'status', 'from', v_status, 'to', 'placed');
  END IF;
  IF jsonb_array_length(v_moves) = 0 THEN
    RETURN orders.order_json(p_order_id);
  END IF;

  UPDATE orders.orders SET payment_status = 'authorized', status = 'placed', updated_at = p_now WHERE id = p_order_id;
  -- a statement of its own, so a transition committed while this one waited for the lock is seen
  v_first := greatest(date_trunc('milliseconds', p_now),
    (SELECT max(at) + interval '1 millisecond' FROM orders.history WHERE order_id = p_order_id));

  FOR v_move IN SELECT * FROM jsonb_array_elements(v_moves) LOOP
    INSERT INTO orders.history (id, order_id, field, from_value, to_value, note, at)
    VALUES (p_history_ids->>v_n, p_order_id, v_move->>'field', v_move->>'from', v_move->>'to', '',
      v_first + v_n * interval '1 millisecond');
    v_at := to_char((v_first + v_n * interval '1 millisecond') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
    v_n := v_n + 1;
    INSERT INTO platform.outbox (id, topic, aggregate_id, payload) VALUES (
      p_event_ids->>v_e,
      CASE v_move->>'field' WHEN 'status' THEN 'orders.status_changed.v1' ELSE 'orders.payment_status_changed.v1' END,
      p_order_id,
      jsonb_build_object('order_id', p_order_id, 'field', v_move->>'field', 'from', v_move->>'from',
        'to', v_move->>'to', 'note', '', 'at', v_at));
    v_e := v_e + 1;
    IF v_move->>'field' = 'status' AND v_move->>'from' = 'pending' THEN
      INSERT INTO platform.outbox (id, topic, aggregate_id, payload)
      SELECT p_event_ids->>v_e, 'orders.order_placed.v1', p_order_id,
        jsonb_build_object('order_id', o.id, 'number', o.number::text, 'customer_id', o.customer_id, 'email', o.email,
          'currency', o.currency, 'total', o.total,
          'items', coalesce((SELECT jsonb_agg(jsonb_build_object('item_id', i.id, 'variant_id', i.variant_id, 'sku', i.sku,
              'quantity', i.quantity) ORDER BY i.id) FROM orders.items i WHERE i.order_id = o.id), '[]'::jsonb))
      FROM orders.orders o WHERE o.id = p_order_id;
      v_e := v_e + 1;
    END IF;
  END LOOP;
  RETURN orders.order_json(p_order_id);
END
$$;
--> statement-breakpoint
-- A checkout whose payment was authorised: commit its holds, place the order, close the cart and
-- forget the pending payment, in the call's one transaction. Returns the placed order
-- (orders.order_json), or null when a hold had expired meanwhile (the holds committed here stay
-- committed: the caller's compensation releases them with the rest).
CREATE OR REPLACE FUNCTION "checkout"."settle_paid"(
  p_order_id text, p_cart_id text, p_now timestamptz, p_payment_allowed jsonb, p_status_allowed jsonb,
  p_history_ids jsonb, p_event_ids jsonb
) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_order jsonb;
BEGIN
  IF inventory.commit_holds(p_order_id) > 0 THEN
    RETURN NULL;
  END IF;
  v_order := orders.place_paid(p_order_id, p_now, p_payment_allowed, p_status_allowed, p_history_ids, p_event_ids);
  UPDATE cart.carts SET status = 'completed', updated_at = now() WHERE id = p_cart_id;
  DELETE FROM checkout.pending_payments WHERE order_id = p_order_id;
  RETURN v_order;
END
$$;
