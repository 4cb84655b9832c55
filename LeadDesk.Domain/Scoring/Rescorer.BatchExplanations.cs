using System.Buffers;

namespace LeadDesk.Domain.Scoring;

public sealed partial class Rescorer
{
    /// <summary>
    /// SQLite: the explanations of a batch's changed scores as the UTF-8 bytes the column stores, back to back in one
    /// pooled array, so the writer binds them as they are: no .NET string per lead, and no conversion back to UTF-8.
    /// </summary>
    private sealed class BatchExplanations : IDisposable
    {
        private byte[]? _bytes;
        private readonly int[] _start;
        private readonly int[] _length;

        private BatchExplanations(byte[] bytes, int[] start, int[] length) => (_bytes, _start, _length) = (bytes, start, length);

        /// <summary>The explanation of the batch's lead at <paramref name="index"/>.</summary>
        public ReadOnlySpan<byte> Of(int index) =>
            (_bytes ?? throw new ObjectDisposedException(nameof(BatchExplanations))).AsSpan(_start[index], _length[index]);

        public void Dispose()
        {
            if (_bytes is { } bytes) ArrayPool<byte>.Shared.Return(bytes);
            _bytes = null;
        }

        /// <summary>Gathers one batch at a time, reusing its buffer (one per reading thread).</summary>
        public sealed class Builder
        {
            private readonly ArrayBufferWriter<byte> _buffer = new(1 << 20);
            private int[] _start = [];
            private int[] _length = [];

            public void Start(int leads)
            {
                _buffer.ResetWrittenCount();
                (_start, _length) = (new int[leads], new int[leads]);
            }

            public void Add(int index, ReadOnlySpan<byte> explanation)
            {
                (_start[index], _length[index]) = (_buffer.WrittenCount, explanation.Length);
                _buffer.Write(explanation);
            }

            public BatchExplanations Finish()
            {
                var bytes = ArrayPool<byte>.Shared.Rent(Math.Max(1, _buffer.WrittenCount));
                _buffer.WrittenSpan.CopyTo(bytes);
                return new BatchExplanations(bytes, _start, _length);
            }
        }
    }
}
