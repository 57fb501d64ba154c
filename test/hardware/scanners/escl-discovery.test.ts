import { describe, expect, it } from 'vitest';
import makeMdns from 'multicast-dns';
import { discoverEscl, esclDevicesFromRecords, type MdnsRecord } from '../../../hardware/scanners/escl-discovery';

const records = (instance: string, service: '_uscan._tcp.local' | '_uscans._tcp.local', port: number, txt: string[], host = 'scanner.local', ip = '192.168.1.20'): MdnsRecord[] => [
  { name: service, type: 'PTR', data: `${instance}.${service}` },
  { name: `${instance}.${service}`, type: 'SRV', data: { port, target: host } },
  { name: `${instance}.${service}`, type: 'TXT', data: txt.map((t) => Buffer.from(t)) },
  { name: host, type: 'A', data: ip },
];

describe('finding eSCL scanners by mDNS', () => {
  it('builds the address from SRV, A and the TXT path, and names the device by its model', () => {
    expect(esclDevicesFromRecords(records('HP OfficeJet', '_uscan._tcp.local', 8080, ['rs=eSCL', 'ty=HP OfficeJet Pro 8710', 'UUID=abc']))).toEqual([
      { id: 'escl:http://192.168.1.20:8080/eSCL', driver: 'escl', name: 'HP OfficeJet Pro 8710', address: '192.168.1.20:8080' },
    ]);
  });

  it('lists a device answering on both services once, over https', () => {
    const both = [
      ...records('Brother', '_uscan._tcp.local', 80, ['rs=/eSCL/', 'ty=Brother ADS-2200', 'uuid=X1']),
      ...records('Brother', '_uscans._tcp.local', 443, ['rs=eSCL', 'ty=Brother ADS-2200', 'UUID=x1']),
    ];
    expect(esclDevicesFromRecords(both).map((d) => d.id)).toEqual(['escl:https://192.168.1.20:443/eSCL']);
  });

  it('ignores answers without SRV and other services', () => {
    expect(esclDevicesFromRecords([{ name: '_ipp._tcp.local', type: 'PTR', data: 'P._ipp._tcp.local' }, { name: '_uscan._tcp.local', type: 'PTR', data: 'Lost._uscan._tcp.local' }])).toEqual([]);
  });

  it('finds a scanner that answers the query on the LAN', async () => {
    const port = 45353 + Math.floor(Math.random() * 1000);
    const responder = makeMdns({ port, loopback: true, reuseAddr: true });
    responder.on('query', (q) => {
      if (!q.questions.some((x) => x.name === '_uscan._tcp.local')) return;
      responder.respond({
        answers: [{ name: '_uscan._tcp.local', type: 'PTR', data: 'Sim._uscan._tcp.local' }],
        additionals: [
          { name: 'Sim._uscan._tcp.local', type: 'SRV', data: { port: 8089, target: 'sim.local' } },
          { name: 'Sim._uscan._tcp.local', type: 'TXT', data: ['rs=eSCL', 'ty=Trạm Sim eSCL 2000'] },
          { name: 'sim.local', type: 'A', data: '127.0.0.1' },
        ],
      });
    });
    try {
      const found = await discoverEscl({ port, timeoutMs: 800 });
      expect(found).toEqual([{ id: 'escl:http://127.0.0.1:8089/eSCL', driver: 'escl', name: 'Trạm Sim eSCL 2000', address: '127.0.0.1:8089' }]);
    } finally {
      responder.destroy();
    }
  });
});
