namespace Appliance.HaAgent.Discovery;

/// <summary>
/// The records of one registration under its current instance and host labels: the shared PTRs (service and service
/// type enumeration), the unique SRV, TXT, A/AAAA and the two NSECs that say which types each unique name has (RFC 6762
/// §6.1). Knows which records answer a question and what goes in the additional section (RFC 6763 §12). Immutable.
/// </summary>
internal sealed class ServiceRecordSet
{
    public ServiceRecordSet(ServiceRegistration registration, string instanceLabel, string hostLabel)
    {
        ServiceName = registration.ServiceName;
        InstanceName = ServiceName.Prepend(instanceLabel);
        HostName = MdnsConstants.LocalDomain.Prepend(hostLabel);
        ServicePtr = new DnsRecord(ServiceName, new PtrData(InstanceName), MdnsConstants.OtherRecordTtl);
        EnumerationPtr = new DnsRecord(MdnsConstants.ServiceTypeEnumeration, new PtrData(ServiceName), MdnsConstants.OtherRecordTtl);
        Srv = new DnsRecord(InstanceName, new SrvData(0, 0, registration.Port, HostName), MdnsConstants.HostRecordTtl, CacheFlush: true);
        Txt = new DnsRecord(InstanceName, TxtData.FromPairs(registration.Txt), MdnsConstants.OtherRecordTtl, CacheFlush: true);
        Addresses = [.. registration.Addresses.Select(a => new DnsRecord(HostName, new AddressData(a), MdnsConstants.HostRecordTtl, CacheFlush: true))];
        InstanceNsec = new DnsRecord(InstanceName, new NsecData(InstanceName, [DnsRecordType.Srv, DnsRecordType.Txt]), MdnsConstants.OtherRecordTtl, CacheFlush: true);
        HostNsec = new DnsRecord(HostName, new NsecData(HostName, Addresses.Select(a => a.Type)), MdnsConstants.HostRecordTtl, CacheFlush: true);
        Answerable = [ServicePtr, EnumerationPtr, Srv, Txt, .. Addresses];
    }

    public DnsName ServiceName { get; }

    public DnsName InstanceName { get; }

    public DnsName HostName { get; }

    public DnsRecord ServicePtr { get; }

    public DnsRecord EnumerationPtr { get; }

    public DnsRecord Srv { get; }

    public DnsRecord Txt { get; }

    public IReadOnlyList<DnsRecord> Addresses { get; }

    public DnsRecord InstanceNsec { get; }

    public DnsRecord HostNsec { get; }

    /// <summary>Every positive record: what announcements carry and goodbyes withdraw.</summary>
    public IReadOnlyList<DnsRecord> Answerable { get; }

    /// <summary>The unique records a probe proposes in its authority section (RFC 6762 §8.2).</summary>
    public IReadOnlyList<DnsRecord> Proposed => [Srv, Txt, .. Addresses];

    /// <summary>The NSECs, sent as additional records with announcements.</summary>
    public IReadOnlyList<DnsRecord> Negative => [InstanceNsec, HostNsec];

    /// <summary>True for a name this set owns uniquely (the instance or the host).</summary>
    public bool IsUniqueName(DnsName name) => name == InstanceName || name == HostName;

    /// <summary>Our unique records with owner <paramref name="name"/>, NSEC included.</summary>
    public IEnumerable<DnsRecord> UniqueRecordsOf(DnsName name) =>
        name == InstanceName ? [Srv, Txt, InstanceNsec] : name == HostName ? [.. Addresses, HostNsec] : [];

    /// <summary>The records that answer <paramref name="question"/>; NSEC only when asked for by type.</summary>
    public IEnumerable<DnsRecord> Answer(DnsQuestion question)
    {
        if (question.Class is not (DnsClass.Internet or DnsClass.Any))
        {
            return [];
        }

        if (question.Type == DnsRecordType.Nsec)
        {
            return Negative.Where(r => r.Name == question.Name);
        }

        return Answerable.Where(r => r.Name == question.Name && (question.Type == DnsRecordType.Any || r.Type == question.Type));
    }

    /// <summary>
    /// The negative answer for a question about one of our unique names that no record answers: that name's NSEC
    /// (RFC 6762 §6.1), or null.
    /// </summary>
    public DnsRecord? NegativeAnswer(DnsQuestion question)
    {
        if (question.Type is DnsRecordType.Any or DnsRecordType.Nsec || Answer(question).Any())
        {
            return null;
        }

        return question.Name == InstanceName ? InstanceNsec : question.Name == HostName ? HostNsec : null;
    }

    /// <summary>What follows an answer in the additional section (RFC 6763 §12.1–§12.2, RFC 6762 §6.1).</summary>
    public IEnumerable<DnsRecord> AdditionalsFor(DnsRecord answer)
    {
        if (ReferenceEquals(answer, ServicePtr))
        {
            return [Srv, Txt, .. Addresses, InstanceNsec, HostNsec];
        }

        if (ReferenceEquals(answer, Srv))
        {
            return [.. Addresses, HostNsec];
        }

        return Addresses.Contains(answer) ? [HostNsec] : [];
    }
}
