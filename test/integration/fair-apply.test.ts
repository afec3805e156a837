import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { type FairFile, FairSchema } from '#shared/domain/fair';
import { WORKSHOP_LIST_INDEX } from '#shared/store/index-names';
import { getWorkshop, listWorkshops, updateWorkshopRules } from '#shared/store/workshops-store';
import { getZone, listZones, updateZoneRules } from '#shared/store/zones-store';
import { applyFair } from '#shared/use-cases/apply-fair';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/emulators/dynamodb-local';
import { localTables } from '../support/api-client';

/**
 * A fair's file applied again after it changed, with data in place, on DynamoDB Local (tables of this
 * test's own, so the fair the other tests use stays as it is): added and changed things land, what an
 * organiser changed on the day stays, what the file dropped is removed or kept as its data requires.
 */
const { client } = localTables();
const suffix = crypto.randomUUID().slice(0, 8);
const tables = { fair: `apply-fair-${suffix}`, zones: `apply-zones-${suffix}`, workshops: `apply-workshops-${suffix}` };
const deps = { client, tables, now: () => new Date('2027-05-02T09:00:00Z') };

const version1 = (): FairFile => ({
  fairId: 'apply-fair',
  name: { fr: 'Salon test', ar: 'معرض تجريبي' },
  timezone: 'Africa/Casablanca',
  utcOffsets: '+00:00',
  days: ['2027-05-02', '2027-05-03'],
  zones: [
    { zoneId: 'site', name: 'Site', capacity: 500, areaM2: 900, capacityBasis: 'floor' },
    { zoneId: 'hall', parentId: 'site', name: { fr: 'Hall' }, capacity: 200, areaM2: 400, capacityBasis: 'floor' },
    { zoneId: 'annex', parentId: 'site', name: 'Annex', capacity: 50, areaM2: 100, capacityBasis: 'floor' },
    { zoneId: 'tent', parentId: 'site', name: 'Tent', capacity: 30, areaM2: 60, capacityBasis: 'floor' },
  ],
  gates: [
    { gateId: 'north', name: 'North', zoneId: 'site', fromZoneId: 'outside' },
    { gateId: 'south', name: 'South', zoneId: 'site', fromZoneId: 'outside' },
  ],
  booths: [
    { boothId: 'A1', exhibitor: 'Coopérative Nahla', category: 'honey', zoneId: 'hall' },
    { boothId: 'A2', exhibitor: 'تعاونية الزيتون', category: 'olive oil', zoneId: 'hall' },
  ],
  programme: [
    {
      workshopId: 'talk',
      kind: 'seminar',
      title: 'Talk',
      zoneId: 'hall',
      day: '2027-05-02',
      starts: '11:00',
      ends: '12:00',
      capacity: 80,
    },
    {
      workshopId: 'class',
      kind: 'workshop',
      title: 'Class',
      zoneId: 'annex',
      day: '2027-05-02',
      starts: '14:00',
      ends: '15:00',
      capacity: 20,
    },
    {
      workshopId: 'empty',
      kind: 'workshop',
      title: 'Empty',
      zoneId: 'annex',
      day: '2027-05-03',
      starts: '14:00',
      ends: '15:00',
      capacity: 20,
    },
  ],
});

beforeAll(async () => {
  const raw = new DynamoDBClient({
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    endpoint: inject('dynamodbEndpoint'),
  });
  const pkSk = [
    { AttributeName: 'pk', AttributeType: 'S' as const },
    { AttributeName: 'sk', AttributeType: 'S' as const },
  ];
  const keys = [
    { AttributeName: 'pk', KeyType: 'HASH' as const },
    { AttributeName: 'sk', KeyType: 'RANGE' as const },
  ];
  await raw.send(
    new CreateTableCommand({
      TableName: tables.fair,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: pkSk,
      KeySchema: keys,
    }),
  );
  await raw.send(
    new CreateTableCommand({
      TableName: tables.zones,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'zoneId', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'zoneId', KeyType: 'HASH' }],
    }),
  );
  await raw.send(
    new CreateTableCommand({
      TableName: tables.workshops,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        ...pkSk,
        { AttributeName: 'listKey', AttributeType: 'S' },
        { AttributeName: 'startsAt', AttributeType: 'S' },
      ],
      KeySchema: keys,
      GlobalSecondaryIndexes: [
        {
          IndexName: WORKSHOP_LIST_INDEX,
          KeySchema: [
            { AttributeName: 'listKey', KeyType: 'HASH' },
            { AttributeName: 'startsAt', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    }),
  );
});

describe("applying a fair's file again", () => {
  it('adds and updates from the file, keeps rules changed on the day and data, and says what it kept', async () => {
    const first = await applyFair(deps, FairSchema.parse(version1()));
    expect(first.summary).toMatch(/4 zones \(4 added, 0 updated\).*3 programme items \(3 added, 0 updated\)/);
    expect(first.notes).toEqual([]);

    // The fair runs: an organiser lowers the hall's capacity, people are counted in the annex, two
    // register for the class; the talk's time is moved on the day.
    const hall = await getZone(client, tables.zones, 'hall');
    if (!hall) throw new Error('no hall');
    expect(
      await updateZoneRules(
        client,
        tables.zones,
        { ...hall, capacity: 150, editedFields: ['capacity'] },
        '2027-05-02T10:00:00Z',
      ),
    ).toBe(true);
    await client.send(
      new UpdateCommand({
        TableName: tables.zones,
        Key: { zoneId: 'annex' },
        UpdateExpression: 'SET #count = :n, #day = :day',
        ExpressionAttributeNames: { '#count': 'count', '#day': 'day' },
        ExpressionAttributeValues: { ':n': 7, ':day': '2027-05-02' },
      }),
    );
    await client.send(
      new UpdateCommand({
        TableName: tables.workshops,
        Key: { pk: 'WS#class', sk: 'META' },
        UpdateExpression: 'SET registered = :two',
        ExpressionAttributeValues: { ':two': 2 },
      }),
    );
    await updateWorkshopRules(client, tables.workshops, 'talk', { startsAt: '2027-05-02T11:30:00+00:00' }, true);

    // The file changes: new names and capacities, a new zone, the annex, the tent, a gate, a booth,
    // the class and the empty workshop gone, a new workshop.
    const next = version1();
    next.zones[1] = { ...next.zones[1], name: { fr: 'Grand hall', ar: 'القاعة الكبرى' }, capacity: 250 } as never;
    next.zones[0] = { ...next.zones[0], capacity: 600 } as never;
    next.zones = next.zones.filter((zone) => zone.zoneId !== 'annex' && zone.zoneId !== 'tent');
    next.zones.push({
      zoneId: 'garden',
      parentId: 'site',
      name: 'Garden',
      capacity: 100,
      areaM2: 150,
      capacityBasis: 'floor',
    });
    next.gates = next.gates?.filter((gate) => gate.gateId !== 'south');
    next.booths = next.booths?.filter((booth) => booth.boothId !== 'A2');
    next.programme = [
      {
        workshopId: 'talk',
        kind: 'seminar',
        title: { fr: 'Conférence', en: 'Talk' },
        zoneId: 'hall',
        day: '2027-05-02',
        starts: '10:00',
        ends: '12:00',
        capacity: 90,
      },
      {
        workshopId: 'tour',
        kind: 'workshop',
        title: 'Tour',
        zoneId: 'garden',
        day: '2027-05-03',
        starts: '10:00',
        ends: '11:00',
        capacity: 15,
      },
    ];
    const second = await applyFair(deps, FairSchema.parse(next));
    expect(second.notes.sort()).toEqual(
      [
        'gate south: no longer in the file; removed (its scans and statistics are kept)',
        'booth A2: no longer in the file; removed (its footfall statistics are kept)',
        'zone hall: capacity kept at 150 (changed on the day; the file says 250)',
        'zone annex: no longer in the file; kept with its counts, alerts and scans, no longer shown',
        'zone tent: no longer in the file; removed (nothing was ever counted in it)',
        'programme talk: startsAt kept at "2027-05-02T11:30:00+00:00" (changed on the day; the file says "2027-05-02T10:00:00+00:00")',
        'programme class: no longer in the file; kept (2 registered, 0 waiting, 0 attended): cancel it from the API if it is off',
        'programme empty: no longer in the file; removed (nobody had registered or been admitted)',
      ].sort(),
    );
    const zones = new Map((await listZones(client, tables.zones)).map((zone) => [zone.zoneId, zone]));
    expect(zones.get('hall')).toMatchObject({
      capacity: 150,
      names: { fr: 'Grand hall', ar: 'القاعة الكبرى', en: 'Grand hall' },
    });
    expect(zones.get('site')).toMatchObject({ capacity: 600 });
    expect(zones.get('garden')).toMatchObject({ capacity: 100, count: 0 });
    expect(zones.get('annex')).toMatchObject({ count: 7, retiredAt: '2027-05-02T09:00:00.000Z' });
    expect(zones.has('tent')).toBe(false);
    expect(await getWorkshop(client, tables.workshops, 'talk')).toMatchObject({
      startsAt: '2027-05-02T11:30:00+00:00',
      endsAt: '2027-05-02T12:00:00+00:00',
      capacity: 90,
      titles: { fr: 'Conférence', en: 'Talk', ar: 'Conférence' },
      editedFields: ['startsAt'],
    });
    expect((await listWorkshops(client, tables.workshops)).map((item) => item.workshopId).sort()).toEqual([
      'class',
      'talk',
      'tour',
    ]);
    const gates = await client.send(
      new QueryCommand({
        TableName: tables.fair,
        KeyConditionExpression: 'pk = :g',
        ExpressionAttributeValues: { ':g': 'GATE' },
      }),
    );
    expect(gates.Items?.map((item) => item.gateId)).toEqual(['north']);
    const meta = await client.send(new GetCommand({ TableName: tables.fair, Key: { pk: 'FAIR', sk: 'META' } }));
    expect(meta.Item).toMatchObject({
      localNames: { fr: 'Salon test', ar: 'معرض تجريبي', en: 'Salon test' },
      utcOffsets: { '2027-05-02': '+00:00' },
    });

    // The same file again: nothing more to say, nothing changed.
    const third = await applyFair(deps, FairSchema.parse(next));
    expect(third.notes.filter((note) => !note.includes('kept at'))).toEqual([
      'programme class: no longer in the file; kept (2 registered, 0 waiting, 0 attended): cancel it from the API if it is off',
    ]);
    expect(third.summary).toMatch(/\(0 added, 0 updated\).*\(0 added, 0 updated\)/);
  });
});
