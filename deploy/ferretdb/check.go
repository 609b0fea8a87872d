package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
)

func connect(ctx context.Context, addr string, poolSize uint64, timeout time.Duration) (*mongo.Client, error) {
	opts := options.Client().
		ApplyURI(mongoURI(addr)).
		SetServerSelectionTimeout(timeout).
		SetConnectTimeout(timeout).
		SetMaxPoolSize(poolSize)
	return mongo.Connect(ctx, opts)
}

// pingServer succeeds only when a wire protocol `ping` gets an ok reply,
// which means the listener is up and the backend (SQLite or PostgreSQL) is usable.
func pingServer(ctx context.Context, addr string) error {
	timeout := time.Second
	if dl, ok := ctx.Deadline(); ok {
		timeout = time.Until(dl)
	}

	// Fail fast while nothing listens yet; the driver would keep retrying
	// server selection until the timeout.
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	conn.Close()

	c, err := connect(ctx, addr, 1, timeout)
	if err != nil {
		return err
	}
	defer c.Disconnect(context.Background())

	return c.Database("admin").RunCommand(ctx, bson.D{{Key: "ping", Value: 1}}).Err()
}

// smoke collects results: failures make the run fail, notes are informational.
type smoke struct {
	failed bool
}

func (s *smoke) ok(format string, args ...any)   { fmt.Printf("ok    "+format+"\n", args...) }
func (s *smoke) note(format string, args ...any) { fmt.Printf("note  "+format+"\n", args...) }
func (s *smoke) fail(format string, args ...any) {
	s.failed = true
	fmt.Printf("FAIL  "+format+"\n", args...)
}

// runSmoke exercises the behaviour the application depends on against a
// running server, using a throw-away database.
func runSmoke(addr string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()

	const workers = 16

	client, err := connect(ctx, addr, workers, 10*time.Second)
	if err != nil {
		return err
	}
	defer client.Disconnect(context.Background())

	s := &smoke{}

	var build bson.M
	if err = client.Database("admin").RunCommand(ctx, bson.D{{Key: "buildInfo", Value: 1}}).Decode(&build); err != nil {
		return fmt.Errorf("buildInfo: %w", err)
	}
	s.ok("connected to %s: version %v, ferretdbVersion %v", addr, build["version"], build["ferretdbVersion"])

	db := client.Database(fmt.Sprintf("handoff_smoke_%d", time.Now().UnixNano()))
	defer db.Drop(context.Background())

	s.insertAndRead(ctx, db)
	s.conditionalUpsert(ctx, db)
	s.uniqueIndex(ctx, db)

	// Warm the pool so the race checks really run on parallel connections.
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = client.Ping(ctx, nil)
		}()
	}
	wg.Wait()

	s.reservationRace(ctx, db, 2, 200)
	s.reservationRace(ctx, db, workers, 50)
	s.incRace(ctx, db, workers, 25)
	s.unsupported(ctx, client, db)

	if s.failed {
		return errors.New("some checks failed")
	}
	fmt.Println("smoke: all required checks passed")
	return nil
}

func (s *smoke) insertAndRead(ctx context.Context, db *mongo.Database) {
	coll := db.Collection("docs")
	want := bson.M{"_id": "doc-1", "name": "hello", "n": int32(42), "tags": bson.A{"a", "b"}}

	if _, err := coll.InsertOne(ctx, want); err != nil {
		s.fail("insert: %s", err)
		return
	}

	var got bson.M
	if err := coll.FindOne(ctx, bson.M{"_id": "doc-1"}).Decode(&got); err != nil {
		s.fail("read back: %s", err)
		return
	}
	if got["name"] != "hello" || got["n"] != int32(42) {
		s.fail("read back: got %v", got)
		return
	}
	s.ok("insert + read back: %v", got)
}

// conditionalUpsert checks findOneAndUpdate with a filter, $inc and upsert.
func (s *smoke) conditionalUpsert(ctx context.Context, db *mongo.Database) {
	coll := db.Collection("counters")
	filter := bson.M{"_id": "ctr", "n": bson.M{"$lt": 3}}
	update := bson.M{"$inc": bson.M{"n": 1}, "$setOnInsert": bson.M{"created": true}}
	after := options.FindOneAndUpdate().SetUpsert(true).SetReturnDocument(options.After)

	for want := int32(1); want <= 3; want++ {
		var got bson.M
		if err := coll.FindOneAndUpdate(ctx, filter, update, after).Decode(&got); err != nil {
			s.fail("findOneAndUpdate upsert #%d: %s", want, err)
			return
		}
		if got["n"] != want || got["created"] != true {
			s.fail("findOneAndUpdate upsert #%d: got %v", want, got)
			return
		}
	}
	s.ok("findOneAndUpdate {_id, n<3} $inc upsert: n=1,2,3 (first call upserted)")

	err := coll.FindOneAndUpdate(ctx, filter, update).Err()
	if !errors.Is(err, mongo.ErrNoDocuments) {
		s.fail("findOneAndUpdate on full counter without upsert: want no document, got %v", err)
	} else {
		s.ok("findOneAndUpdate on full counter without upsert: no document")
	}

	// Same as MongoDB: the upsert tries to insert the same _id and collides.
	err = coll.FindOneAndUpdate(ctx, filter, update, after).Err()
	if mongo.IsDuplicateKeyError(err) {
		s.ok("findOneAndUpdate on full counter with upsert: duplicate key error, as in MongoDB")
	} else {
		s.fail("findOneAndUpdate on full counter with upsert: want duplicate key error, got %v", err)
	}

	var got bson.M
	if err = coll.FindOneAndUpdate(ctx, bson.M{"_id": "ctr"}, bson.M{"$inc": bson.M{"n": -1}},
		options.FindOneAndUpdate().SetProjection(bson.M{"n": 1})).Decode(&got); err != nil {
		s.note("findOneAndUpdate with projection (`fields`) is not supported: %s", firstLine(err))
	} else {
		s.ok("findOneAndUpdate with projection: %v", got)
	}
}

func (s *smoke) uniqueIndex(ctx context.Context, db *mongo.Database) {
	coll := db.Collection("users")
	_, err := coll.Indexes().CreateOne(ctx, mongo.IndexModel{
		Keys:    bson.D{{Key: "email", Value: 1}},
		Options: options.Index().SetUnique(true).SetName("email_unique"),
	})
	if err != nil {
		s.fail("create unique index: %s", err)
		return
	}

	if _, err = coll.InsertOne(ctx, bson.M{"email": "a@example.test"}); err != nil {
		s.fail("unique index first insert: %s", err)
		return
	}

	_, err = coll.InsertOne(ctx, bson.M{"email": "a@example.test"})
	if mongo.IsDuplicateKeyError(err) {
		s.ok("unique index rejects duplicate insert (E11000)")
	} else {
		s.fail("unique index: duplicate insert not rejected: %v", err)
	}

	if _, err = coll.InsertOne(ctx, bson.M{"email": "b@example.test"}); err != nil {
		s.fail("unique index second value: %s", err)
	}
	err = coll.FindOneAndUpdate(ctx, bson.M{"email": "b@example.test"},
		bson.M{"$set": bson.M{"email": "a@example.test"}}).Err()
	// FerretDB v1 maps only insert conflicts to E11000; an update that hits
	// the index fails with InternalError (code 1) naming the constraint
	// (SQLite: "UNIQUE constraint failed"; PostgreSQL: SQLSTATE 23505).
	switch {
	case mongo.IsDuplicateKeyError(err):
		s.ok("unique index rejects duplicate via findOneAndUpdate $set (E11000)")
	case err != nil && (strings.Contains(err.Error(), "UNIQUE constraint failed") ||
		strings.Contains(err.Error(), "violates unique constraint")):
		s.ok("unique index rejects duplicate via findOneAndUpdate $set")
		s.note("  ...but as %s, not E11000 (code 11000)", errorCode(err))
	default:
		s.fail("unique index: duplicate via update not rejected: %v", err)
	}

	// MongoDB indexes a missing field as null, so a second document without
	// the field violates the index; FerretDB on SQLite or PostgreSQL does not.
	_, err1 := coll.InsertOne(ctx, bson.M{"other": 1})
	_, err2 := coll.InsertOne(ctx, bson.M{"other": 2})
	if err1 == nil && err2 == nil {
		s.note("unique index allows several documents missing the field (MongoDB would reject the second)")
	} else {
		s.note("unique index and missing field: %v / %v", err1, err2)
	}
}

// reservationRace has `workers` clients race to take the single free slot
// of a fresh document with a conditional findOneAndUpdate; exactly one must win.
func (s *smoke) reservationRace(ctx context.Context, db *mongo.Database, workers, rounds int) {
	coll := db.Collection(fmt.Sprintf("slots_%d", workers))
	bad := 0

	for r := range rounds {
		if _, err := coll.InsertOne(ctx, bson.M{"_id": r, "used": 0, "cap": 1}); err != nil {
			s.fail("reservation race setup: %s", err)
			return
		}

		var (
			wg    sync.WaitGroup
			mu    sync.Mutex
			wins  int
			errs  []error
			start = make(chan struct{})
		)
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				err := coll.FindOneAndUpdate(ctx,
					bson.M{"_id": r, "used": bson.M{"$lt": 1}},
					bson.M{"$inc": bson.M{"used": 1}},
				).Err()
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					wins++
				case !errors.Is(err, mongo.ErrNoDocuments):
					errs = append(errs, err)
				}
			}()
		}
		close(start)
		wg.Wait()

		var doc struct {
			Used int32 `bson:"used"`
		}
		if err := coll.FindOne(ctx, bson.M{"_id": r}).Decode(&doc); err != nil {
			s.fail("reservation race read: %s", err)
			return
		}
		if len(errs) > 0 {
			s.fail("reservation race round %d: errors %v", r, errs)
			return
		}
		if wins != 1 || doc.Used != 1 {
			bad++
			if bad <= 3 {
				fmt.Printf("      round %d: %d winners, used=%d\n", r, wins, doc.Used)
			}
		}
	}

	if bad > 0 {
		s.fail("conditional findOneAndUpdate race (%d workers): %d of %d rounds had != 1 winner", workers, bad, rounds)
	} else {
		s.ok("conditional findOneAndUpdate race (%d workers x %d rounds): exactly one winner each time", workers, rounds)
	}
}

// incRace checks that concurrent unconditional $inc updates are not lost.
func (s *smoke) incRace(ctx context.Context, db *mongo.Database, workers, each int) {
	coll := db.Collection("inc")
	if _, err := coll.InsertOne(ctx, bson.M{"_id": 1, "n": 0}); err != nil {
		s.fail("inc race setup: %s", err)
		return
	}

	var wg sync.WaitGroup
	errCh := make(chan error, workers*each)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				if _, err := coll.UpdateOne(ctx, bson.M{"_id": 1}, bson.M{"$inc": bson.M{"n": 1}}); err != nil {
					errCh <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errCh)
	for err := range errCh {
		s.fail("inc race: %s", err)
		return
	}

	var doc struct {
		N int32 `bson:"n"`
	}
	if err := coll.FindOne(ctx, bson.M{"_id": 1}).Decode(&doc); err != nil {
		s.fail("inc race read: %s", err)
		return
	}
	if int(doc.N) != workers*each {
		s.fail("concurrent $inc lost updates: n=%d, want %d", doc.N, workers*each)
	} else {
		s.ok("concurrent $inc (%d x %d): n=%d", workers, each, doc.N)
	}
}

// unsupported records how features FerretDB v1 lacks behave, for reference.
func (s *smoke) unsupported(ctx context.Context, client *mongo.Client, db *mongo.Database) {
	_, err := db.Collection("ttl").Indexes().CreateOne(ctx, mongo.IndexModel{
		Keys:    bson.D{{Key: "at", Value: 1}},
		Options: options.Index().SetExpireAfterSeconds(60),
	})
	s.note("TTL index (expireAfterSeconds): %s", result(err))

	_, err = db.Collection("cs").Watch(ctx, mongo.Pipeline{})
	s.note("change stream: %s", result(err))

	sess, err := client.StartSession()
	if err == nil {
		_, err = sess.WithTransaction(ctx, func(sc mongo.SessionContext) (any, error) {
			_, err := db.Collection("txn").InsertOne(sc, bson.M{"x": 1})
			return nil, err
		})
		sess.EndSession(ctx)
	}
	s.note("multi-document transaction: %s", result(err))
}

func errorCode(err error) string {
	var ce mongo.CommandError
	if errors.As(err, &ce) {
		return fmt.Sprintf("%s (code %d)", ce.Name, ce.Code)
	}
	var se mongo.ServerError
	if errors.As(err, &se) {
		return firstLine(err)
	}
	return "client error"
}

func result(err error) string {
	if err == nil {
		return "accepted"
	}
	return "error: " + firstLine(err)
}

func firstLine(err error) string {
	msg, _, _ := strings.Cut(err.Error(), "\n")
	return msg
}
